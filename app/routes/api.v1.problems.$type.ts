import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiLanguage, apiText, PROBLEMS, type ProblemType } from "~/utils/api.server";

/** The problem type URIs of the API resolve to their description (RFC 9457 §3.1.1), in the caller's language. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const type = params.type as ProblemType;
  if (!Object.hasOwn(PROBLEMS, type)) return new Response("Unknown problem type", { status: 404 });
  const lng = apiLanguage(request.headers.get("Accept-Language"));
  const text = apiText(lng);
  return Response.json(
    { type: `/api/v1/problems/${type}`, title: text.problems[type], status: PROBLEMS[type].status, description: text.details.seeOpenApi },
    { headers: { "Content-Language": lng, Vary: "Accept-Language" } },
  );
}
