// Reads another Node process's live heap through its inspector (started with --inspect on loopback): a
// full garbage collection, then the used heap. Unlike RSS, which follows V8's heap sizing (the heap grows
// toward its limit before major collections run), the live heap after a full GC only grows when memory
// is kept across requests, so it is what a leak check compares. Needs a WebSocket client: Node 22+, or
// Node 20 with --experimental-websocket (the bench scripts run with it).

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class HeapProbe {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();

  constructor(private readonly inspectPort: number) {}

  private async connect(): Promise<WebSocket> {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) return this.socket;
    if (typeof WebSocket === "undefined") throw new Error("no WebSocket client: run with Node 22+ or node --experimental-websocket");
    const targets = (await (await fetch(`http://127.0.0.1:${this.inspectPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const url = targets[0]?.webSocketDebuggerUrl;
    if (!url) throw new Error(`no inspector target on port ${this.inspectPort}`);
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error("inspector connection failed")), { once: true });
    });
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiting = message.id ? this.pending.get(message.id) : undefined;
      if (!waiting) return;
      this.pending.delete(message.id!);
      if (message.error) waiting.reject(new Error(message.error.message));
      else waiting.resolve(message.result);
    });
    this.socket = socket;
    return socket;
  }

  private async call<T>(method: string): Promise<T> {
    const socket = await this.connect();
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    socket.send(JSON.stringify({ id, method }));
    return (await result) as T;
  }

  /** MB of heap still used after a full collection. */
  async liveHeapMb(): Promise<number> {
    await this.call("HeapProfiler.collectGarbage");
    const usage = await this.call<{ usedSize: number }>("Runtime.getHeapUsage");
    return usage.usedSize / 1024 / 1024;
  }

  close() {
    this.socket?.close();
    this.socket = null;
  }
}
