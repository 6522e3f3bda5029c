type Path = (string | number)[];

/** One open object or array: the member names seen so far (objects), and the member or index being read. */
interface Frame {
  names?: Set<string>;
  at: string | number;
}

/** Index of the quote that closes the JSON string opening at `start`. */
function endOfString(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x5c) index++;
    else if (code === 0x22) return index;
  }
  return text.length;
}

/**
 * Where a member name first repeats within its object, in JSON text that JSON.parse accepted; undefined when
 * none does. JSON.parse keeps the last of two equal names while other readers (and people) may take the
 * first, so `"tlp":"TLP:RED","tlp":"TLP:GREEN"` must be refused, not signed as GREEN. Names compare after
 * unescaping, so `"tlp"` and `"\u0074lp"` are the same name.
 */
export function duplicateNamePath(text: string): Path | undefined {
  const frames: Frame[] = [];
  let expectName = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const top = frames.at(-1);
    if (code === 0x22) {
      const end = endOfString(text, index);
      if (expectName && top?.names) {
        const name = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.names.has(name)) return [...frames.slice(0, -1).map((frame) => frame.at), name];
        top.names.add(name);
        top.at = name;
        expectName = false;
      }
      index = end;
    } else if (code === 0x7b) {
      frames.push({ names: new Set(), at: '' });
      expectName = true;
    } else if (code === 0x5b) {
      frames.push({ at: 0 });
    } else if (code === 0x7d || code === 0x5d) {
      frames.pop();
      expectName = false;
    } else if (code === 0x2c && top) {
      if (top.names) expectName = true;
      else top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}
