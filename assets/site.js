// progressive enhancement
