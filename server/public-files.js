// The build's own files beside its assets (public/: the icon), served by name.
import { readdirSync } from "node:fs";
import express from "express";

/**
 * express.static for the files and folders at the top of `dir` when the server starts, and no
 * others. express.static looks every GET up on disk first, so each page cost a `stat` of a file
 * that is never there (2 % of the queue page's server CPU, decision 077); a page's path now goes
 * straight on. The build does not change while the server runs.
 * @param {string} dir
 * @param {Parameters<typeof express.static>[1]} options
 * @returns {import("express").RequestHandler}
 */
export function publicFiles(dir, options) {
  const serve = express.static(dir, options);
  const entries = readdirSync(dir, { withFileTypes: true });
  const files = new Set(entries.filter((e) => e.isFile()).map((e) => `/${e.name}`));
  const folders = entries.filter((e) => e.isDirectory()).map((e) => `/${e.name}/`);
  return (req, res, next) => {
    let path = req.path;
    try {
      path = decodeURIComponent(path);
    } catch {
      return next();
    }
    return files.has(path) || folders.some((f) => path.startsWith(f)) ? serve(req, res, next) : next();
  };
}
