import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.js';
import { typed } from '../../http/types.js';

export async function systemRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  typed(app).get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => {
      await deps.db.query('SELECT 1');
      return { status: 'ok' as const };
    },
  );
}
