import { IncomingMessage } from "node:http";

/** Field name to validation messages, as the simulator returns them with HTTP 422. */
export type FieldMessages = Record<string, string[]>;

/** An API failure: the route handler throws it and the server turns it into the error envelope. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: FieldMessages | string[] = [],
  ) {
    super(message);
  }
}

/** Throws HTTP 422 with one message on one field. */
export function invalid(field: string, message: string): never {
  throw new ApiError(422, "The given data was invalid.", { [field]: [message] });
}

/** Throws HTTP 404 with the given message. */
export function notFound(message = "Data not found."): never {
  throw new ApiError(404, message, []);
}

/** The parsed request a route handler receives. */
export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** JSON body, or the text fields of a multipart body, merged with the query string for GET. */
  body: Record<string, unknown>;
  /** Files of a multipart body, by field name. */
  files: Record<string, { filename: string; contentType: string; content: Buffer }>;
  /** OAuth client the bearer token belongs to. */
  clientId: string;
}

/** Reads a request body into a buffer, up to `limitBytes`. */
export async function readBody(
  request: IncomingMessage,
  limitBytes = 10 * 1024 * 1024,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) {
      throw new ApiError(413, `Request body larger than ${limitBytes} bytes.`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON, form-urlencoded or multipart body into fields and files. */
export function parseBody(
  contentType: string,
  raw: Buffer,
): { fields: Record<string, unknown>; files: ApiRequest["files"] } {
  if (raw.length === 0) {
    return { fields: {}, files: {} };
  }

  if (contentType.startsWith("multipart/form-data")) {
    return parseMultipart(contentType, raw);
  }

  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    return { fields: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files: {} };
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new ApiError(400, "The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ApiError(400, "The request body must be a JSON object.");
  }
  return { fields: parsed as Record<string, unknown>, files: {} };
}

function parseMultipart(
  contentType: string,
  raw: Buffer,
): { fields: Record<string, unknown>; files: ApiRequest["files"] } {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundaryMatch) {
    throw new ApiError(400, "The multipart body has no boundary.");
  }

  const boundary = Buffer.from(`--${boundaryMatch[1] ?? boundaryMatch[2]}`);
  const fields: Record<string, unknown> = {};
  const files: ApiRequest["files"] = {};
  let position = raw.indexOf(boundary);

  while (position !== -1) {
    const partStart = position + boundary.length;
    if (raw.subarray(partStart, partStart + 2).toString() === "--") {
      break;
    }
    const next = raw.indexOf(boundary, partStart);
    if (next === -1) {
      break;
    }

    // Each part is CRLF, headers, CRLF CRLF, content, CRLF, then the next boundary.
    const part = raw.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const content = part.subarray(headerEnd + 4);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    const filename = /filename="([^"]*)"/i.exec(headers)?.[1];

    if (name !== undefined && filename !== undefined) {
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? "application/octet-stream";
      files[name] = { filename, contentType: type.trim(), content: Buffer.from(content) };
    } else if (name !== undefined) {
      fields[name] = content.toString("utf8");
    }
    position = next;
  }
  return { fields, files };
}
