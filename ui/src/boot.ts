// Imported first by main.ts, so it runs before Vue and the screens are
// evaluated: what every start reads is already on its way to the app while
// the page's script is set up (docs/benchmarks.md, start-up).
import { askEarly } from "./early";

askEarly(["get_profile", "identity_status", "take_open_request", "list_batches"]);
