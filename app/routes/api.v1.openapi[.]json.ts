import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "~/api/openapi";
import { env } from "~/utils/env.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const server = env().PUBLIC_BASE_URL ?? new URL(request.url).origin;
  return new Response(JSON.stringify(openApiDocument(server), null, 2), {
    headers: { "Content-Type": "application/json", "Cache-Control": "public, max-age=300" },
  });
}
