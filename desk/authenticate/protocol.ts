/** Messages between the desk and its forensics worker: a call of one engine function and its answer. */
import type * as engine from './engine.ts';

export type EngineOp = 'detectPage' | 'cropRegion' | 'describe' | 'queryDescriptor' | 'verifyMark';
type Engine = Pick<typeof engine, EngineOp>;

export interface ForensicsRequest<Op extends EngineOp = EngineOp> {
  id: number;
  op: Op;
  args: Parameters<Engine[Op]>;
}

export type ForensicsReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };

export type EngineResult<Op extends EngineOp> = Awaited<ReturnType<Engine[Op]>>;
export type EngineArgs<Op extends EngineOp> = Parameters<Engine[Op]>;
