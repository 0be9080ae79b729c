import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [remix(remixConfig)],
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  server: { port: Number(process.env.PORT ?? 3000) },
  ssr: {
    // Native and WASM packages stay outside the server bundle.
    external: ["@node-rs/argon2", "@electric-sql/pglite", "@react-pdf/renderer", "postgres", "pino"],
  },
  build: { target: "es2022" },
});
