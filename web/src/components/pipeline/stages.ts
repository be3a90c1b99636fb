// The opportunity stages (src/modules/crm/entities.ts) and moving a deal between them.
import { useCallback } from 'react';
import { api, type Opportunity } from '../../api.ts';

export const OPEN_STAGES = ['prospecting', 'qualification', 'demo', 'proposal', 'negotiation'] as const;
export const STAGES = [...OPEN_STAGES, 'won', 'lost'] as const;
export const isClosed = (stage: string) => stage === 'won' || stage === 'lost';

/** PATCHes the stage; closing sets closed_at (if unset), reopening clears it. */
export function useMoveDeal() {
  return useCallback(async (deal: Opportunity, stage: string) => {
    const body: Record<string, unknown> = { stage };
    if (isClosed(stage) && !deal.closed_at) body.closed_at = new Date().toISOString();
    if (!isClosed(stage) && deal.closed_at) body.closed_at = null;
    return api<Opportunity>(`/api/v1/opportunities/${deal.id}`, { method: 'PATCH', body });
  }, []);
}
