"""Questions about the network: a deterministic router (EN/ZH) and a LangChain tool-calling agent over the store."""
