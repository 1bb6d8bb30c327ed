import * as start from './start.operation';
import * as stop from './stop.operation';
import { defineResource } from '../defineResource';

export const conferenceStream = defineResource('Conference Stream', 'conferenceStream', 'start', [
	start,
	stop,
]);
