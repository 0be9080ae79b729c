import { createContext, useContext } from "react";

/** The CSP nonce of this response, for the few inline scripts Remix needs (server only). */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
