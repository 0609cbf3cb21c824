import { z } from 'zod';
export declare const errorCodes: readonly ["bad_request", "invalid_json", "validation_failed", "unsupported_media_type", "payload_too_large", "unauthorized", "forbidden", "csrf_rejected", "not_found", "conflict", "rate_limited", "unsupported_protocol", "upstream_error", "service_unavailable", "internal_error"];
export declare const errorCodeSchema: z.ZodEnum<{
    bad_request: "bad_request";
    invalid_json: "invalid_json";
    validation_failed: "validation_failed";
    unsupported_media_type: "unsupported_media_type";
    payload_too_large: "payload_too_large";
    unauthorized: "unauthorized";
    forbidden: "forbidden";
    csrf_rejected: "csrf_rejected";
    not_found: "not_found";
    conflict: "conflict";
    rate_limited: "rate_limited";
    unsupported_protocol: "unsupported_protocol";
    upstream_error: "upstream_error";
    service_unavailable: "service_unavailable";
    internal_error: "internal_error";
}>;
export type ErrorCode = z.infer<typeof errorCodeSchema>;
/** One problem with one field: `path` is the dotted location ("scans.3.ticket_code"). */
export declare const fieldIssueSchema: z.ZodObject<{
    path: z.ZodString;
    message: z.ZodString;
}, z.core.$strip>;
export type FieldIssue = z.infer<typeof fieldIssueSchema>;
export declare const errorBodySchema: z.ZodObject<{
    code: z.ZodEnum<{
        bad_request: "bad_request";
        invalid_json: "invalid_json";
        validation_failed: "validation_failed";
        unsupported_media_type: "unsupported_media_type";
        payload_too_large: "payload_too_large";
        unauthorized: "unauthorized";
        forbidden: "forbidden";
        csrf_rejected: "csrf_rejected";
        not_found: "not_found";
        conflict: "conflict";
        rate_limited: "rate_limited";
        unsupported_protocol: "unsupported_protocol";
        upstream_error: "upstream_error";
        service_unavailable: "service_unavailable";
        internal_error: "internal_error";
    }>;
    message: z.ZodString;
    details: z.ZodOptional<z.ZodUnknown>;
}, z.core.$strip>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export declare const errorEnvelopeSchema: z.ZodObject<{
    error: z.ZodObject<{
        code: z.ZodEnum<{
            bad_request: "bad_request";
            invalid_json: "invalid_json";
            validation_failed: "validation_failed";
            unsupported_media_type: "unsupported_media_type";
            payload_too_large: "payload_too_large";
            unauthorized: "unauthorized";
            forbidden: "forbidden";
            csrf_rejected: "csrf_rejected";
            not_found: "not_found";
            conflict: "conflict";
            rate_limited: "rate_limited";
            unsupported_protocol: "unsupported_protocol";
            upstream_error: "upstream_error";
            service_unavailable: "service_unavailable";
            internal_error: "internal_error";
        }>;
        message: z.ZodString;
        details: z.ZodOptional<z.ZodUnknown>;
    }, z.core.$strip>;
}, z.core.$strip>;
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
/** Success envelope: `{"data": …}` around any payload schema. */
export declare const dataEnvelope: <T extends z.ZodType>(data: T) => z.ZodObject<{
    data: T;
}, z.core.$strip>;
/** Turns zod issues into the field list that `details` carries. */
export declare function fieldIssues(error: z.ZodError): FieldIssue[];
