// Python (FastAPI + uvicorn): the same venv and PyPI as python.ts; the server is `python -m server`
// (uvicorn in the foreground, no wrapper), so SIGTERM reaches it.
import type { AppRecipe } from '../recipe.js';
import { recipe as python } from './python.js';

export const recipe: AppRecipe = { ...python, start: ['.venv/bin/python', '-m', 'server'] };
