/** One failed request as the console's overview lists it: no bodies, no credentials. */
export interface RecentError {
  at: string;
  status: number;
  code: string;
  message: string;
  route: string;
}

/** The last few failed requests, newest first, in a fixed-size ring: bounded whatever the error rate. */
export class RecentErrors {
  private readonly ring: RecentError[] = [];

  constructor(private readonly capacity = 20) {}

  add(error: RecentError): void {
    this.ring.unshift(error);
    if (this.ring.length > this.capacity) this.ring.pop();
  }

  list(): RecentError[] {
    return [...this.ring];
  }
}
