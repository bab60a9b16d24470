// The pdf.js worker the app starts: the engine's JPEG decoder installed
// first (jpegDecoder.ts; modules run in import order), then pdf.js's own
// worker, which looks for ImageDecoder as it loads.
import "./jpegDecoder";
import "pdfjs-dist/build/pdf.worker.min.mjs";
