/* network.c: the settings' network part handed to the fetch stage. */
#include "fleet.h"

#include "alloc.h"
#include "fetch.h"

#include <stdlib.h>

void fleet_apply_network(const struct config *c)
{
    struct fetch_access *acc = xcalloc(c->n_access ? c->n_access : 1, sizeof *acc);
    for (size_t i = 0; i < c->n_access; i++) {
        const struct config_access *a = &c->access[i];
        acc[i] = (struct fetch_access){
            .url = a->url,
            .headers = (const char *const *)a->headers,
            .n_headers = a->n_headers,
            .username = a->username,
            .password = a->password,
        };
    }
    struct fetch_network net = {
        .proxy = c->proxy,
        .ca_file = c->ca_file,
        .access = acc,
        .n_access = c->n_access,
    };
    fetch_set_network(&net); /* copies */
    free(acc);
}
