/** Keeps only the last `maxCharacters` characters of everything appended (a program may print gigabytes). */
export class OutputTail {
  readonly #maxCharacters: number;
  #text = '';
  #dropped = false;

  constructor(maxCharacters: number) {
    this.#maxCharacters = maxCharacters;
  }

  append(chunk: string): void {
    this.#text += chunk;
    if (this.#text.length > this.#maxCharacters * 2) this.#trim();
  }

  /** The tail; starts with "…" when earlier output was dropped. */
  toString(): string {
    this.#trim();
    return this.#dropped ? `…${this.#text}` : this.#text;
  }

  #trim(): void {
    if (this.#text.length <= this.#maxCharacters) return;
    this.#text = this.#text.slice(this.#text.length - this.#maxCharacters);
    this.#dropped = true;
  }
}
