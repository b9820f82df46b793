/**
 * The first index at or after `from` where `find` matches (-1: none), remembering the last answer
 * for the same text: a rule that looks ahead for its closer from every opener (`<!--` or
 * `{::comment}` on 100k lines, `~~` or `{:` never closed) would otherwise scan to the end once per
 * opener, which is quadratic. An answer holds for any later start up to the index it found.
 */
export function forwardSearch(find: (text: string, from: number) => number): (text: string, from: number) => number {
  let last: { text: string; from: number; at: number } | undefined;
  return (text, from) => {
    if (last && from >= last.from && (last.at < 0 || from <= last.at) && last.text === text) {
      // An equal text may be another string (the same page read again): comparing is then as long as the text, so keep the one asked about.
      last.text = text;
      return last.at;
    }
    const at = find(text, from);
    last = { text, from, at };
    return at;
  };
}

/** `forwardSearch` for a pattern: the index of its first match at or after `from`. */
export function forwardMatch(pattern: RegExp): (text: string, from: number) => number {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return forwardSearch((text, from) => {
    global.lastIndex = from;
    return global.exec(text)?.index ?? -1;
  });
}
