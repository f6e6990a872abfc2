" MOF files (DMTF DSP0004 / mofcomp): SMS_def.mof, configuration.mof, .mfl amendment files.
autocmd BufRead,BufNewFile *.mof,*.MOF,*.mfl setfiletype mof
