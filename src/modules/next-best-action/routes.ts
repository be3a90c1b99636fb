// Next-best-action over HTTP: train and evaluate the policy, recommend for a deal, make it a task.
import { render, requestLocale } from '../../core/i18n.ts';
import { msg } from './messages.ts';
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../../api/context.ts';
import { InputError } from '../../core/errors.ts';
import { ENTITIES } from '../crm/entities.ts';
import { createTask } from '../tasks/service.ts';
import { latestEvaluation, parseRewardKind, recommend, taskTitle, trainNba } from './service.ts';

const tags = ['next-best-action'];
const DAY = 86_400_000;

export async function nextBestActionRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/v1/next-best-action/train', {
    schema: {
      tags, summary: 'Learn the policy from closed deals and evaluate it off-policy (managers, admins); reward "win" (default) or "value" (won amount)',
      body: { type: ['object', 'null'], properties: { reward: { type: 'string', enum: ['win', 'value'] } }, additionalProperties: false },
    },
  }, async (request) => trainNba(app.ctx.db, actorOf(request), { reward: parseRewardKind((request.body as { reward?: string } | null | undefined)?.reward) }));

  app.get('/api/v1/next-best-action/evaluation', {
    schema: { tags, summary: 'Off-policy evaluation (IS, WIS, DR with 95% intervals) of the active policy vs the behaviour policy' },
  }, async () => latestEvaluation(app.ctx.db));

  app.get('/api/v1/opportunities/:id/next-best-action', {
    schema: { tags, summary: 'Actions for an open deal with expected uplift (in the model\u2019s reward unit: win probability or won value), interval and support', params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } },
  }, async (request) => {
    const { id } = request.params as { id: string };
    await app.ctx.repo.get(ENTITIES.opportunities, actorOf(request), id);
    return recommend(app.ctx.db, id);
  });

  app.post('/api/v1/next-best-action/:opportunity_id/task', {
    schema: {
      tags, summary: 'Turn a (supported) recommendation into a task for the deal owner',
      params: { type: 'object', properties: { opportunity_id: { type: 'string', format: 'uuid' } }, required: ['opportunity_id'] },
      body: { type: 'object', properties: { action: { type: 'string', maxLength: 20 } }, additionalProperties: false },
    },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const { opportunity_id: id } = request.params as { opportunity_id: string };
    const deal = (await app.ctx.repo.get(ENTITIES.opportunities, actor, id)) as { owner_id: string | null; name: string | null };
    const rec = await recommend(app.ctx.db, id);
    const action = (request.body as { action?: string } | undefined)?.action ?? rec.recommended;
    const line = rec.actions.find((a) => a.action === action);
    if (!action || !line || !line.supported) {
      throw new InputError(action ? `"${action}" is not supported by enough similar deals to recommend` : 'there is no recommended action for this deal', [{ column: 'action', value: action ?? null, reason: rec.note ? render(rec.note, 'en') : 'choose a supported action' }]);
    }
    // Tasks are CRM records (plain text): written in the language of the user who creates them.
    const locale = requestLocale(request);
    const unit = rec.reward.kind === 'value' ? msg('nba.task.unit.value', { scale: String(rec.reward.scale) }) : msg('nba.task.unit.win');
    const task = await createTask(app.ctx.db, actor, {
      title: taskTitle(action, deal.name, locale), ownerId: deal.owner_id, opportunityId: id, dueAt: new Date(Date.now() + 2 * DAY),
      source: 'next-best-action', sourceKey: `${id}:${action}:${rec.state.key}`,
      description: render(msg('nba.task.description', {
        unit, uplift: String(line.expected_uplift), low: String(line.ci?.[0]), high: String(line.ci?.[1]), support: String(line.support),
      }), locale),
      attributes: { action, state: rec.state.key, expected_uplift: line.expected_uplift },
    });
    reply.code(201);
    return { task };
  });
}
