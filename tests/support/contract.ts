import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { openApiDocument } from "../../app/api/openapi";

/**
 * Checks a response against the OpenAPI document the app serves: the status must be documented for
 * the path, the content type must match, and the body must validate against the documented schema.
 */
const doc = openApiDocument("http://localhost");
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: "openapi" });

type Operation = { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> };

export async function expectMatchesContract(path: keyof typeof doc.paths, response: Response): Promise<unknown> {
  const operation = (doc.paths[path] as unknown as { post: Operation }).post;
  const documented = operation.responses[String(response.status)];
  expect(documented, `status ${response.status} is documented for ${path}`).toBeDefined();
  const [[mediaType, { schema }]] = Object.entries(documented.content);
  expect(response.headers.get("content-type") ?? "").toContain(mediaType);
  const body = await response.json();
  const validate = ajv.compile({ $ref: `openapi${schema.$ref}` });
  const ok = validate(body);
  expect(validate.errors ?? [], `${path} ${response.status} body matches ${schema.$ref}`).toEqual([]);
  expect(ok).toBe(true);
  return body;
}

export const documentedPaths = Object.keys(doc.paths) as (keyof typeof doc.paths)[];
