// The type of validate.generated.js (the compose schema compiled by ajv ahead of time: scripts/compose-schema.mjs).
import type { ErrorObject } from 'ajv';

declare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export default validate;
