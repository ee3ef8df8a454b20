import { z } from "zod";

// Security rule: the Content-Security-Policy forbids eval. Zod 4 would probe for it with
// Function("") before compiling object parsers, and every browser would report a CSP violation
// on every form page. Interpreted parsing is fast enough for forms and REST bodies.
// Imported for its effect by every schema module a client component uses.
z.config({ jitless: true });
