/**
 * In-process news about managed nodes, from the API handlers to the channel hub: a node that
 * is deregistered must lose its open channel at once, and a node whose role changes must get
 * that role's credentials. Other replicas learn the same from the presence sweep.
 */
import { EventEmitter } from 'node:events';

export interface InstanceEvents {
  deregistered: [instanceId: string];
  'role-changed': [instanceId: string];
}

const emitter = new EventEmitter<InstanceEvents>();
emitter.setMaxListeners(50);

export const instanceEvents = emitter;
