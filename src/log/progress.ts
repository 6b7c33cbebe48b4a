// Per-target progress: redrawn in place on a terminal, one plain line per change otherwise.

export type TargetState = "waiting" | "building" | "archiving" | "done" | "failed" | "stopped";

export interface Progress {
  start(targets: readonly string[]): void;
  update(target: string, state: TargetState, detail?: string): void;
  stop(): void;
}

export const silentProgress: Progress = { start() {}, update() {}, stop() {} };

const symbols: Record<TargetState, string> = {
  waiting: "·",
  building: "…",
  archiving: "…",
  done: "✓",
  failed: "✗",
  stopped: "–",
};

/** One line per state change: for logs, CI and pipes. */
export function createPlainProgress(write: (line: string) => void): Progress {
  const started = new Map<string, number>();
  const last = new Map<string, TargetState>();
  return {
    start() {},
    update(target, state, detail) {
      if (last.get(target) === state) return;
      last.set(target, state);
      if (state === "building") started.set(target, performance.now());
      const elapsed =
        state === "done" || state === "failed" || state === "stopped" ? seconds(started.get(target)) : "";
      write(`  ${symbols[state]} ${target} ${state}${detail ? ` ${detail}` : ""}${elapsed}`);
    },
    stop() {},
  };
}

/** A live table on a terminal, redrawn in place at most every 100 ms. */
export function createTtyProgress(stream: NodeJS.WriteStream): Progress {
  const rows = new Map<string, { state: TargetState; detail: string; since: number; ended?: number }>();
  let drawn = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    const lines = [...rows].map(([target, row]) => {
      const time = ((row.ended ?? performance.now()) - row.since) / 1000;
      const clock = row.state === "waiting" ? "" : ` ${time.toFixed(1)}s`;
      return `  ${symbols[row.state]} ${target.padEnd(22)} ${row.state}${clock}${row.detail ? `  ${row.detail}` : ""}`;
    });
    stream.write(`${drawn > 0 ? `\x1b[${drawn}A` : ""}${lines.map((l) => `\x1b[2K${l}\n`).join("")}`);
    drawn = lines.length;
  };
  return {
    start(targets) {
      for (const target of targets)
        rows.set(target, { state: "waiting", detail: "", since: performance.now() });
      draw();
      timer = setInterval(draw, 100);
      timer.unref();
    },
    update(target, state, detail = "") {
      const row = rows.get(target);
      const since = row && row.state !== "waiting" ? row.since : performance.now();
      const ended =
        state === "done" || state === "failed" || state === "stopped" ? performance.now() : undefined;
      rows.set(target, { state, detail, since, ended });
    },
    stop() {
      clearInterval(timer);
      if (rows.size > 0) draw();
    },
  };
}

function seconds(start: number | undefined): string {
  return start === undefined ? "" : ` (${((performance.now() - start) / 1000).toFixed(1)}s)`;
}
