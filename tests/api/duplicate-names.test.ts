import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { duplicateNamePath } from '../../api/http/duplicate-names.js';

describe('duplicateNamePath', () => {
  it.each([
    ['{"a":1,"a":2}', ['a']],
    ['{"a":{"b":[1,{"c":1,"d":{"c":1},"c":2}]}}', ['a', 'b', 1, 'c']],
    ['[{"x":1},{"y":[0,{"k":1,"\\u006b":2}]}]', [1, 'y', 1, 'k']],
    ['{"s":"a,\\"b\\":{","s":1}', ['s']],
  ])('finds the repeat in %s', (text, path) => {
    expect(duplicateNamePath(text)).toEqual(path);
  });

  it.each(['{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}', '{"a":"{\\"a\\":1,\\"a\\":2}"}', '[]', '"text"'])(
    'finds none in %s',
    (text) => {
      expect(duplicateNamePath(text)).toBeUndefined();
    },
  );

  it('finds none in anything JSON.stringify writes', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(duplicateNamePath(JSON.stringify(value))).toBeUndefined();
        expect(duplicateNamePath(JSON.stringify(value, null, 2))).toBeUndefined();
      }),
    );
  });
});
