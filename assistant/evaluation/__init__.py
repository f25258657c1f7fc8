"""The evaluation harness: any dataset in the contract's form, through the same code path as
real mail, into a throw-away store; figures for labels, red-flag categories, client
resolution, drafts, latency and LLM usage."""
