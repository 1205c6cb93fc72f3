/* users.c — `midad user`: staff accounts from the command line.
 *
 *   midad user add LOGIN --role admin|editor|author [--name NAME] [--db FILE]
 *   midad user passwd LOGIN [--db FILE]
 *   midad user disable|enable LOGIN [--db FILE]
 *   midad user list [--db FILE]
 *
 * Passwords are read from standard input (one line), never from argv, so
 * they stay out of the process list and the shell history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "admin/password.h"
#include "cli/cli.h"
#include "store/store.h"

static int usage(void)
{
    fputs("usage: midad user add LOGIN --role admin|editor|author [--name NAME] [--db FILE]\n"
          "       midad user passwd LOGIN [--db FILE]     (the password is read from stdin)\n"
          "       midad user disable|enable LOGIN [--db FILE]\n"
          "       midad user list [--db FILE]\n", stderr);
    return 2;
}

/* One line from stdin, without echo on a terminal; NULL on EOF. */
static char *read_password(char *buf, size_t cap)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fputs("password: ", stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *line = fgets(buf, (int)cap, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (line) line[strcspn(line, "\r\n")] = '\0';
    return line;
}

/* A hash of a password from stdin that passes the policy; 0 or an exit code. */
static int new_hash(const char *login, char hash[PASSWORD_HASH_MAX])
{
    char pw[PASSWORD_MAX_BYTES + 2];
    if (!read_password(pw, sizeof pw)) {
        fputs("midad: no password on standard input\n", stderr);
        return 2;
    }
    const char *problem = password_problem(pw, login);
    if (problem) {
        fprintf(stderr, "midad: password refused: %s\n",
                strcmp(problem, "password_too_short") == 0 ? "shorter than 10 characters"
                : strcmp(problem, "password_too_long") == 0 ? "longer than 1024 bytes"
                : strcmp(problem, "password_is_login") == 0 ? "the same as the login"
                : "too common (on the list of passwords people pick first)");
        return 1;
    }
    return password_hash(hash, pw) ? 1 : 0;
}

typedef struct {
    const char *db, *role, *name, *login;
} user_args;

static int parse(int argc, char **argv, user_args *u)
{
    *u = (user_args){ "data/midad.db", NULL, NULL, NULL };
    for (int i = 2; i < argc; i++) {
        if (strncmp(argv[i], "--", 2) != 0) {
            if (u->login) return -1;
            u->login = argv[i];
            continue;
        }
        if (i + 1 >= argc) return -1;
        const char *v = argv[++i];
        if (strcmp(argv[i - 1], "--db") == 0) u->db = v;
        else if (strcmp(argv[i - 1], "--role") == 0) u->role = v;
        else if (strcmp(argv[i - 1], "--name") == 0) u->name = v;
        else return -1;
    }
    return 0;
}

static int valid_login(const char *s)
{
    size_t n = strlen(s);
    return n >= 2 && n <= 64 && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

static int add(store *s, arena *a, const user_args *u)
{
    if (!u->role || (strcmp(u->role, "admin") && strcmp(u->role, "editor") && strcmp(u->role, "author"))) {
        fputs("midad: --role must be admin, editor or author\n", stderr);
        return 2;
    }
    store_user existing;
    if (store_user_by_login(s, a, u->login, &existing) == 0) {
        fprintf(stderr, "midad: the login \"%s\" is taken\n", u->login);
        return 1;
    }
    char hash[PASSWORD_HASH_MAX];
    int rc = new_hash(u->login, hash);
    long long id;
    if (rc) return rc;
    if (store_user_add(s, u->login, u->name, hash, u->role, &id)) {
        fprintf(stderr, "midad: %s\n", store_errmsg(s));
        return 1;
    }
    store_audit(s, 0, "user_add", "user", id, u->role);
    printf("user %s (%s) added\n", u->login, u->role);
    return 0;
}

static int change(store *s, arena *a, const user_args *u, const char *verb)
{
    store_user user;
    if (store_user_by_login(s, a, u->login, &user)) {
        fprintf(stderr, "midad: no user \"%s\"\n", u->login);
        return 1;
    }
    int rc;
    if (strcmp(verb, "passwd") == 0) {
        char hash[PASSWORD_HASH_MAX];
        if ((rc = new_hash(user.login, hash))) return rc;
        rc = store_user_set_hash(s, user.id, hash, true);
    } else {
        rc = store_user_set_disabled(s, user.id, strcmp(verb, "disable") == 0);
    }
    if (rc) {
        fprintf(stderr, "midad: %s\n", store_errmsg(s));
        return 1;
    }
    store_audit(s, 0, strcmp(verb, "passwd") == 0 ? "user_passwd" : verb, "user", user.id, "");
    printf("user %s: %s\n", user.login, strcmp(verb, "passwd") == 0 ? "password changed, sessions ended"
                                        : strcmp(verb, "disable") == 0 ? "disabled, sessions ended" : "enabled");
    return 0;
}

static int list(store *s, arena *a)
{
    store_user *users;
    size_t n;
    if (store_users_list(s, a, &users, &n)) return 1;
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s%s\n", users[i].login, users[i].role, users[i].display_name,
               users[i].disabled ? "\t(disabled)" : "");
    return 0;
}

int cli_user(int argc, char **argv)
{
    user_args u;
    if (argc < 2 || parse(argc, argv, &u)) return usage();
    const char *verb = argv[1];
    bool needs_login = strcmp(verb, "list") != 0;
    if (needs_login && (!u.login || !valid_login(u.login))) {
        if (u.login) fputs("midad: a login is 2–64 letters, digits, '.', '_' or '-'\n", stderr);
        return u.login ? 2 : usage();
    }
    char err[512];
    store *s = store_open(u.db, true, err, sizeof err);
    if (!s) {
        fprintf(stderr, "midad: %s\n", err);
        return 1;
    }
    arena *a = arena_new(0);
    int rc;
    if (strcmp(verb, "add") == 0) rc = add(s, a, &u);
    else if (strcmp(verb, "passwd") == 0 || strcmp(verb, "disable") == 0 ||
             strcmp(verb, "enable") == 0) rc = change(s, a, &u, verb);
    else if (strcmp(verb, "list") == 0) rc = list(s, a);
    else rc = usage();
    arena_free(a);
    store_close(s);
    return rc;
}
