/** Where every client picker in the portal searches (a page of matches, never the whole list); safe in client code. */
export const CLIENT_SEARCH_URL = "/api/provider/tenants/search";
