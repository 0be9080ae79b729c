import { writeFileSync } from "node:fs";

/** BENCH_PROFILE=file.cpuprofile: a CPU profile of this process from now until `stop()`; null without it. */
export async function startProfile(file = process.env.BENCH_PROFILE): Promise<{ stop(): Promise<void> } | null> {
  if (!file) return null;
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
