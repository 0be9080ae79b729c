import type { LoaderFunctionArgs } from "@remix-run/node";
import { PROBLEMS, type ProblemType } from "~/utils/api.server";

/** The problem type URIs of the API resolve to their description (RFC 9457 §3.1.1). */
export async function loader({ params }: LoaderFunctionArgs) {
  const type = params.type as ProblemType;
  if (!Object.hasOwn(PROBLEMS, type)) return new Response("Unknown problem type", { status: 404 });
  const { status, title } = PROBLEMS[type];
  return Response.json({ type: `/api/v1/problems/${type}`, title, status, description: "See /api/v1/openapi.json for the endpoints that answer with it." });
}
