# Self-made cross-check of ReferenceModels (NOT synergyfinder's own output): synergyfinder 3's
# HSA, Bliss, Loewe and ZIP algorithms re-written from the description of its R source
# (TangSoftwareLab/SynergyFinderR, R/calculate_synergy_score.R and R/fit_dose_response_model.R)
# in base R only, because drc (which synergyfinder needs) is not installable here. The LL.4
# fits are plain least squares by optim() from many starts instead of drc::drm; the rest follows
# synergyfinder step by step: dose 0 -> 1e-10 in fits, ZIP rows/columns fitted with drc's c
# (Emin) fixed at the response at dose 0, Loewe by the 100-level search, unreachable effects
# with R's NaN arithmetic. Usage: Rscript synergyfinder3_crosscheck.R input.csv > output.csv
# input columns conc1, conc2, inhibition (one value per cell, no replicates).
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
ll4 <- function(x, b, c, dd, le) c + (dd - c) / (1 + exp(b * (log(x) - le)))
fit_ll4 <- function(dose, y, fixed_c = NA) {
  dose[dose == 0] <- 1e-10
  if (var(y) == 0) y[length(y)] <- y[length(y)] + 1e-10
  lx <- log(dose[dose > 1e-10])
  rss <- function(p) {
    cc <- if (is.na(fixed_c)) p[2] else fixed_c
    sum((y - ll4(dose, p[1], cc, p[3], p[4]))^2)
  }
  best <- NULL
  for (b0 in c(-3, -1, -0.3, 0.3, 1, 3)) for (q in c(0.1, 0.3, 0.5, 0.7, 0.9))
    for (ord in 1:2) {
      cd <- if (ord == 1) c(min(y), max(y)) else c(max(y), min(y))
      p <- c(b0, cd, min(lx) + q * (max(lx) - min(lx)))
      for (k in 1:4) {
        o <- try(optim(p, rss, method = if (k %% 2) "Nelder-Mead" else "BFGS",
                       control = list(maxit = 20000, reltol = 1e-15)), silent = TRUE)
        if (!inherits(o, "try-error") && is.finite(o$value)) p <- o$par
      }
      v <- rss(p)
      if (is.null(best) || v < best$v) best <- list(p = p, v = v)
    }
  p <- best$p
  if (!is.na(fixed_c)) p[2] <- fixed_c
  list(b = p[1], c = p[2], d = p[3], e = exp(p[4]), rss = best$v)
}
pred <- function(m, x) { x[x == 0] <- 1e-10; ll4(x, m$b, m$c, m$d, log(m$e)) }
exp_dose <- function(y, m) { # .SolveExpDoesLL4
  r <- m$e * (((y - m$d) / (m$c - y))^(1 / m$b))
  if (is.nan(r)) r <- ifelse(y > max(m$d, m$c), Inf, 0)
  r
}
A <- d[d$conc2 == 0, ]; A <- A[order(A$conc1), ]
B <- d[d$conc1 == 0, ]; B <- B[order(B$conc2), ]
ma <- fit_ll4(A$conc1, A$inhibition); mb <- fit_ll4(B$conc2, B$inhibition)
single <- function(a, b) c(A$inhibition[A$conc1 == a], B$inhibition[B$conc2 == b])
# ZIP: fits along each drug at every fixed dose of the other, c fixed at the dose-0 response
along <- function(fixcol, dosecol) {
  out <- d; out$pred <- NA
  for (v in unique(d[[fixcol]])) {
    i <- which(d[[fixcol]] == v)
    base <- d$inhibition[i][d[[dosecol]][i] == 0]
    m <- fit_ll4(d[[dosecol]][i], d$inhibition[i], fixed_c = base)
    out$pred[i] <- pred(m, d[[dosecol]][i])
  }
  out$pred
}
fitA <- along("conc2", "conc1"); fitB <- along("conc1", "conc2")
lo <- min(ma$c, ma$d, mb$c, mb$d); hi <- max(ma$c, ma$d, mb$c, mb$d)
levels <- seq(lo, hi, length.out = 100)
res <- NULL
for (k in which(d$conc1 > 0 & d$conc2 > 0)) {
  a <- d$conc1[k]; b <- d$conc2[k]; y <- d$inhibition[k]; s <- single(a, b)
  xa <- exp_dose(y, ma); xb <- exp_dose(y, mb)
  if (!is.finite(xa) && !is.finite(xb)) {
    loewe_ref <- max(pred(ma, a + b), pred(mb, a + b))
  } else {
    dist <- sapply(levels, function(l) abs(a / exp_dose(l, ma) + b / exp_dose(l, mb) - 1))
    loewe_ref <- levels[which(dist == min(dist, na.rm = TRUE))][1]
  }
  pa <- pred(ma, a); pb <- pred(mb, b)
  zip_ref <- (1 - (1 - pa / 100) * (1 - pb / 100)) * 100
  zip_fit <- (fitA[k] + fitB[k]) / 2
  res <- rbind(res, data.frame(conc1 = a, conc2 = b,
    hsa = y - max(s), bliss = y - (1 - prod(1 - s / 100)) * 100,
    loewe = y - loewe_ref, zip = zip_fit - zip_ref, zip_fit = zip_fit, zip_ref = zip_ref,
    loewe_ref = loewe_ref))
}
cat(sprintf("# drug1 LL.4 b=%.10g c=%.10g d=%.10g e=%.10g rss=%.10g\n", ma$b, ma$c, ma$d, ma$e, ma$rss))
cat(sprintf("# drug2 LL.4 b=%.10g c=%.10g d=%.10g e=%.10g rss=%.10g\n", mb$b, mb$c, mb$d, mb$e, mb$rss))
cat(sprintf("# mean hsa=%.10g bliss=%.10g loewe=%.10g zip=%.10g\n",
            mean(res$hsa), mean(res$bliss), mean(res$loewe), mean(res$zip)))
write.csv(format(res, digits = 12), stdout(), row.names = FALSE, quote = FALSE)
