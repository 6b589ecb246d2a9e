/**
 * Single sign-on through an OpenID Connect provider: the relying-party half of the authorisation code flow with PKCE.
 * {@link org.sanke.signaling.oidc.OidcLogin} sends the browser to the provider and turns its callback into an
 * {@link org.sanke.signaling.oidc.OidcIdentity}; mapping that identity to a Sanke person, and the HTTP routes and
 * login sessions around it, belong to the caller. See docs/oidc.md.
 */
package org.sanke.signaling.oidc;
