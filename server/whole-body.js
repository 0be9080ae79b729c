// A page's body handed to the HTTP writer as the bytes it already is (decision 079). A page is
// rendered whole (decisions 043, 077, 078), so its bytes exist before its Response does; given them
// as its body, Node's fetch would wrap them in a web stream (two objects and a transfer marker per
// page) for server/send-response.js to read back in turns. The entry gives a Response without a
// body and the bytes beside it; the writer sends them in one `end`. Plain JavaScript, like
// server.js: the app's build bundles its own copy, and the key is the runtime's, shared by both.
const WHOLE_BODY = Symbol.for("cabinet-access.whole-body");

/**
 * A Response for bytes already made: its status and headers are the Response's, its body the bytes.
 * @param {Uint8Array} bytes
 * @param {ResponseInit} init
 * @returns {Response}
 */
export function wholeBodyResponse(bytes, init) {
  const response = new Response(null, init);
  Object.defineProperty(response, WHOLE_BODY, { value: bytes });
  return response;
}

/**
 * The bytes of a Response made by `wholeBodyResponse`, or null for any other (a stream, a file, a
 * Response made again from one, as Remix does for HEAD).
 * @param {Response} response
 * @returns {Uint8Array | null}
 */
export function wholeBodyOf(response) {
  return /** @type {{ [WHOLE_BODY]?: Uint8Array }} */ (/** @type {unknown} */ (response))[WHOLE_BODY] ?? null;
}
