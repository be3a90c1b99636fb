// One parser for the forecast options of the HTTP query and the CLI flags, so both validate alike.
import { MAX_HORIZON, parseBoundedInt, parseMethod, type ForecastRequest } from './service.ts';
import { parseAsOf, parseFrequency } from './periods.ts';
import { parseLevel, parseMeasure } from './series.ts';

export interface RawForecastOptions {
  level?: string;
  key?: string;
  children?: string;
  frequency?: string;
  horizon?: string;
  method?: string;
  measure?: string;
  as_of?: string;
  origins?: string;
}

export function parseForecastRequest(raw: RawForecastOptions): ForecastRequest {
  return {
    level: parseLevel(raw.level),
    key: raw.key || null,
    children: raw.children ? parseLevel(raw.children, 'children') : null,
    frequency: parseFrequency(raw.frequency),
    horizon: parseBoundedInt(raw.horizon, 'horizon', 6, 1, MAX_HORIZON),
    method: parseMethod(raw.method),
    measure: parseMeasure(raw.measure),
    asOf: parseAsOf(raw.as_of),
    origins: parseBoundedInt(raw.origins, 'origins', 6, 1, 24),
  };
}
