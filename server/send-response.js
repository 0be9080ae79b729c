export { sendRemixResponse as sendResponse } from "@remix-run/express/dist/server.js";
