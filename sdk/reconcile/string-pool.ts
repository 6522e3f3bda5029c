/**
 * One shared string per distinct value, for one reconcile call. Parsed JSON gives every record its own copy
 * of `in_force`; comparing two copies reads both, scattered over the heap, while two pooled copies are one
 * string and compare by identity.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
}
