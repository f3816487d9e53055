form Pitch
    sentence file
endform
sound = Read from file: file$
pitch = To Pitch (ac): 0.01, 50, 15, "no", 0.03, 0.45, 0.01, 0.35, 0.14, 1500
median = Get quantile: 0, 0, 0.5, "Hertz"
writeInfoLine: fixed$ (median, 3)
