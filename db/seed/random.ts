/** Deterministic pseudo-random numbers (mulberry32): the same seed gives the same demo data. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** DDMMYYYY of a date given as year, month (1-12), day. */
function ddmmyyyy(year: number, month: number, day: number): string {
  return `${pad(day, 2)}${pad(month, 2)}${year}`;
}

/** A person's INN: 1 (female) or 2 (male), birth date DDMMYYYY, 5-digit serial. */
export function personInn(female: boolean, year: number, month: number, day: number, serial: number): string {
  return `${female ? 1 : 2}${ddmmyyyy(year, month, day)}${pad(serial % 100000, 5)}`;
}

/** An organisation's INN: 0, the state registration date DDMMYYYY, 5-digit serial. */
export function organisationInn(year: number, month: number, day: number, serial: number): string {
  return `0${ddmmyyyy(year, month, day)}${pad(serial % 100000, 5)}`;
}

/** A real calendar date in [fromYear, toYear] (day capped at 28 so that every month has it). */
export function randomDate(rng: Prng, fromYear: number, toYear: number): [number, number, number] {
  return [rng.int(fromYear, toYear), rng.int(1, 12), rng.int(1, 28)];
}
