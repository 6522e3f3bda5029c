// The one place zod is extended with `.openapi()`, so every schema module shares the same `z`.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
