/**
 * npm run config:docs: regenerates `.env.example` and `docs/configuration.md` from the configuration model.
 * A test in `npm test` fails while the committed files differ from what this writes.
 */
import { REPO_ROOT, writeReferenceFiles } from './reference-files';

const written = writeReferenceFiles(REPO_ROOT);
process.stdout.write(written.length > 0 ? `wrote ${written.join(', ')}\n` : 'configuration reference is up to date\n');
