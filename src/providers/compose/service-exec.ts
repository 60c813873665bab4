// Runs a tool in the container that runs a compose service now, found when the command runs (not when
// it was planned: a rollback or an undo recreates the containers in between). Its arguments:
// ENGINE PROJECT [-e VAR] SERVICE TOOL... (the shape the backup service's
// database commands give an exec prefix that ends in its target, src/services/backup/database-commands.ts).
import { PROJECT_LABEL, SERVICE_LABEL } from './engine-commands.js';

const SERVICE_EXEC = [
  'engine=$1; project=$2; shift 2; var=',
  'if [ "$1" = -e ]; then var=$2; shift 2; fi',
  'service=$1; shift',
  `id=$("$engine" ps -q --filter "label=${PROJECT_LABEL}=$project" --filter "label=${SERVICE_LABEL}=$service" | head -n 1)`,
  '[ -n "$id" ] || { echo "no running container of service $service in compose project $project (start the app, then try again)" >&2; exit 3; }',
  'if [ -n "$var" ]; then exec "$engine" exec -i -e "$var" "$id" "$@"; fi',
  'exec "$engine" exec -i "$id" "$@"',
].join('\n');

/** The exec prefix that runs a database tool in the running container of compose service `service` of `project`. */
export function serviceExec(engine: string, project: string, service: string): string[] {
  return ['sh', '-c', SERVICE_EXEC, 'service-exec', engine, project, service];
}
