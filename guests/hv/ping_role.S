    .data
    .global role
role: .byte 'i'
