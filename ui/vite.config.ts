/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// Tauri serves ui/dist from its own protocol; the dev server is only for
// `tauri dev`. Nothing is loaded from the network at run time.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "es2022", outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  // pdf.js starts its worker as a module (src/pdfWorker.ts).
  worker: { format: "es" },
  test: { environment: "jsdom", include: ["src/**/*.test.ts"] },
});
