/** The shortest password the server accepts (accounts/passwords.py); forms check it first. */
export const MIN_PASSWORD_LENGTH = 10;
