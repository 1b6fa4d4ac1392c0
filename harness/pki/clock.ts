// A settable clock for the services: a run happens "at" a given time. Frozen by default (identical requests
// get identical answers); `ticking` lets it advance with real time from the set point.
export interface Clock {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
}
export class SettableClock implements Clock {
  private base: number;
  private setAtReal: number;
  constructor(
    start: Date,
    private readonly ticking = false,
  ) {
    this.base = start.getTime();
    this.setAtReal = performance.now();
  }
  now(): Date {
    return new Date(this.base + (this.ticking ? Math.floor(performance.now() - this.setAtReal) : 0));
  }
  set(date: Date): void {
    if (Number.isNaN(date.getTime())) throw new Error("clock.set: invalid date");
    this.base = date.getTime();
    this.setAtReal = performance.now();
  }
  advance(ms: number): void {
    this.base += ms;
  }
}
