    .data
    .global role
role: .byte 'o'
