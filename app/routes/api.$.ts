import { apiNotFound } from "~/utils/api.server";

/** Any path under /api/ that no endpoint has: 404 as a problem document (RFC 9457), whatever the method. */
export const loader = apiNotFound;
export const action = apiNotFound;
