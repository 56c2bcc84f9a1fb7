/*
 * Derived from Apache Commons Math 3.6.1,
 * org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer:
 *
 * Licensed to the Apache Software Foundation (ASF) under one or more
 * contributor license agreements.  See the NOTICE file distributed with
 * this work for additional information regarding copyright ownership.
 * The ASF licenses this file to You under the Apache License, Version 2.0
 * (the "License"); you may not use this file except in compliance with
 * the License.  You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 *
 * That class is a translation of MINPACK's lmder (Argonne National Laboratory, MINPACK project,
 * March 1980: Burton S. Garbow, Kenneth E. Hillstrom, Jorge J. More), whose redistribution
 * policy (http://www.netlib.org/minpack/disclaimer) is:
 *
 *    Minpack Copyright Notice (1999) University of Chicago.  All rights reserved
 *
 *    Redistribution and use in source and binary forms, with or without
 *    modification, are permitted provided that the following conditions
 *    are met:
 *    1. Redistributions of source code must retain the above copyright
 *       notice, this list of conditions and the following disclaimer.
 *    2. Redistributions in binary form must reproduce the above
 *       copyright notice, this list of conditions and the following
 *       disclaimer in the documentation and/or other materials provided
 *       with the distribution.
 *    3. The end-user documentation included with the redistribution, if any,
 *       must include the following acknowledgment:
 *       "This product includes software developed by the University of
 *       Chicago, as Operator of Argonne National Laboratory."
 *       Alternately, this acknowledgment may appear in the software itself,
 *       if and wherever such third-party acknowledgments normally appear.
 *    4. WARRANTY DISCLAIMER. THE SOFTWARE IS SUPPLIED "AS IS"
 *       WITHOUT WARRANTY OF ANY KIND. THE COPYRIGHT HOLDER, THE
 *       UNITED STATES, THE UNITED STATES DEPARTMENT OF ENERGY, AND
 *       THEIR EMPLOYEES: (1) DISCLAIM ANY WARRANTIES, EXPRESS OR
 *       IMPLIED, INCLUDING BUT NOT LIMITED TO ANY IMPLIED WARRANTIES
 *       OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE, TITLE
 *       OR NON-INFRINGEMENT, (2) DO NOT ASSUME ANY LEGAL LIABILITY
 *       OR RESPONSIBILITY FOR THE ACCURACY, COMPLETENESS, OR
 *       USEFULNESS OF THE SOFTWARE, (3) DO NOT REPRESENT THAT USE OF
 *       THE SOFTWARE WOULD NOT INFRINGE PRIVATELY OWNED RIGHTS, (4)
 *       DO NOT WARRANT THAT THE SOFTWARE WILL FUNCTION
 *       UNINTERRUPTED, THAT IT IS ERROR-FREE OR THAT ANY ERRORS WILL
 *       BE CORRECTED.
 *    5. LIMITATION OF LIABILITY. IN NO EVENT WILL THE COPYRIGHT
 *       HOLDER, THE UNITED STATES, THE UNITED STATES DEPARTMENT OF
 *       ENERGY, OR THEIR EMPLOYEES: BE LIABLE FOR ANY INDIRECT,
 *       INCIDENTAL, CONSEQUENTIAL, SPECIAL OR PUNITIVE DAMAGES OF
 *       ANY KIND OR NATURE, INCLUDING BUT NOT LIMITED TO LOSS OF
 *       PROFITS OR LOSS OF DATA, FOR ANY REASON WHATSOEVER, WHETHER
 *       SUCH LIABILITY IS ASSERTED ON THE BASIS OF CONTRACT, TORT
 *       (INCLUDING NEGLIGENCE OR STRICT LIABILITY), OR OTHERWISE,
 *       EVEN IF ANY OF SAID PARTIES HAS BEEN WARNED OF THE
 *       POSSIBILITY OF SUCH LOSS OR DAMAGES.
 */
package org.assayquant.core.dose;

import java.util.Arrays;

import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.exception.util.LocalizedFormats;
import org.apache.commons.math3.util.Precision;

/**
 * Commons Math 3.6.1's {@code LevenbergMarquardtOptimizer} (Moré's MINPACK lmder: QR with column
 * pivoting, the trust-region LM parameter, its default tolerances) for the few-parameter,
 * few-point fits of {@link LogLogistic4}, without its object churn: the library builds a problem,
 * a vector, a Jacobian matrix, its negated copy and a residual vector per evaluation, and
 * re-derives the cost by copying the residuals; a warm refit of 8 points spends most of its time
 * there (docs/synergy-speed.md). Here every buffer is allocated once per run and the model writes
 * into it. Every floating-point operation is the library's, in the library's order (Java's
 * arithmetic is strict), so a run ends at the identical point with the identical residuals,
 * after the identical number of evaluations, and fails with the same exceptions:
 * {@code SmallLevenbergMarquardtTest} checks this against the library, so a fit's outputs are
 * byte for byte those of the library's optimizer.
 */
final class SmallLevenbergMarquardt {
    private SmallLevenbergMarquardt() {}

    /** The model: values and Jacobian at parameters {@code p}, written into {@code value} and {@code jacobian} [point][parameter]. */
    interface Model {
        void evaluate(double[] p, double[] value, double[][] jacobian);
    }

    /** The library's convergence checker, on the costs (root of the residual sum of squares) of the last two accepted points. */
    interface Checker {
        boolean converged(int iteration, double previousCost, double currentCost);
    }

    /** Where a run ended: parameters, residuals (target - model), cost = sqrt(sum of squared residuals). */
    record Run(double[] point, double[] residuals, double cost, int evaluations, int iterations) {}

    /** A Levenberg-Marquardt: this one or {@link NormalLevenbergMarquardt}. */
    interface Solver {
        Run optimize(Model model, double[] target, double[] start, int maxEvaluations, int maxIterations, Checker checker);
    }

    private static final double INITIAL_STEP_BOUND_FACTOR = 100;
    private static final double COST_RELATIVE_TOLERANCE = 1e-10;
    private static final double PAR_RELATIVE_TOLERANCE = 1e-10;
    private static final double ORTHO_TOLERANCE = 1e-10;
    private static final double QR_RANKING_THRESHOLD = Precision.SAFE_MIN;
    private static final double TWO_EPS = 2 * Precision.EPSILON;

    /** One evaluation's state. */
    private static final class State {
        final double[] point, value, residuals;
        final double[][] jacobian;
        double cost;

        State(int nR, int nC) {
            point = new double[nC];
            value = new double[nR];
            residuals = new double[nR];
            jacobian = new double[nR][nC];
        }
    }

    /** The QR decomposition of the negated Jacobian (the library's InternalData). */
    private static final class Qr {
        final double[] wj; // the library's weightedJacobian [row][column], flat: row * nC + column
        final int nR, nC;
        final int[] permutation;
        final double[] diagR, jacNorm, beta;
        int rank;

        Qr(int nR, int nC) {
            this.nR = nR;
            this.nC = nC;
            wj = new double[nR * nC];
            permutation = new int[nC];
            diagR = new double[nC];
            jacNorm = new double[nC];
            beta = new double[nC];
        }
    }

    /**
     * Minimises the sum of squared {@code target - model(p)} from {@code start}, as
     * {@code new LevenbergMarquardtOptimizer().optimize(...)} with these limits and checker does.
     */
    static Run optimize(Model model, double[] target, double[] start, int maxEvaluations, int maxIterations, Checker checker) {
        final int nR = target.length;
        final int nC = start.length;
        int evaluations = 0, iterations = 0;

        final int solvedCols = Math.min(nR, nC);
        double[] lmDir = new double[nC];
        double lmPar = 0;

        double delta = 0;
        double xNorm = 0;
        double[] diag = new double[nC];
        double[] oldX = new double[nC];
        double[] qtf = new double[nR];
        double[] work1 = new double[nC];
        double[] work2 = new double[nC];
        double[] work3 = new double[nC];
        Qr qr = new Qr(nR, nC);

        if (++evaluations > maxEvaluations) throw new TooManyEvaluationsException(maxEvaluations);
        // two evaluations at a time: the accepted one (whose Jacobian the next iteration decomposes) and the trial
        State one = new State(nR, nC), other = new State(nR, nC);
        State current = one;
        System.arraycopy(start, 0, current.point, 0, nC);
        evaluate(model, target, current);
        double currentCost = current.cost;
        double[] currentPoint = current.point.clone(); // the point being moved, apart from the evaluated ones

        boolean firstIteration = true;
        while (true) {
            if (++iterations > maxIterations) throw new TooManyIterationsException(maxIterations);

            final State previous = current;

            qrDecomposition(current.jacobian, solvedCols, qr);
            final double[] wj = qr.wj;
            final int[] permutation = qr.permutation;
            final double[] diagR = qr.diagR;
            final double[] jacNorm = qr.jacNorm;

            for (int i = 0; i < nR; i++) qtf[i] = current.residuals[i];

            qTy(qtf, qr);

            for (int k = 0; k < solvedCols; ++k) {
                int pk = permutation[k];
                wj[k * nC + pk] = diagR[pk];
            }

            if (firstIteration) {
                xNorm = 0;
                for (int k = 0; k < nC; ++k) {
                    double dk = jacNorm[k];
                    if (dk == 0) dk = 1.0;
                    double xk = dk * currentPoint[k];
                    xNorm += xk * xk;
                    diag[k] = dk;
                }
                xNorm = Math.sqrt(xNorm);
                delta = (xNorm == 0) ? INITIAL_STEP_BOUND_FACTOR : (INITIAL_STEP_BOUND_FACTOR * xNorm);
            }

            double maxCosine = 0;
            if (currentCost != 0) {
                for (int j = 0; j < solvedCols; ++j) {
                    int pj = permutation[j];
                    double s = jacNorm[pj];
                    if (s != 0) {
                        double sum = 0;
                        for (int i = 0; i <= j; ++i) sum += wj[i * nC + pj] * qtf[i];
                        maxCosine = Math.max(maxCosine, Math.abs(sum) / (s * currentCost));
                    }
                }
            }
            if (maxCosine <= ORTHO_TOLERANCE) return run(current, evaluations, iterations);

            for (int j = 0; j < nC; ++j) diag[j] = Math.max(diag[j], jacNorm[j]);

            for (double ratio = 0; ratio < 1.0e-4;) {
                for (int j = 0; j < solvedCols; ++j) {
                    int pj = permutation[j];
                    oldX[pj] = currentPoint[pj];
                }
                final double previousCost = currentCost;

                lmPar = determineLMParameter(qtf, delta, diag, qr, solvedCols, work1, work2, work3, lmDir, lmPar);

                double lmNorm = 0;
                for (int j = 0; j < solvedCols; ++j) {
                    int pj = permutation[j];
                    lmDir[pj] = -lmDir[pj];
                    currentPoint[pj] = oldX[pj] + lmDir[pj];
                    double s = diag[pj] * lmDir[pj];
                    lmNorm += s * s;
                }
                lmNorm = Math.sqrt(lmNorm);
                if (firstIteration) delta = Math.min(delta, lmNorm);

                if (++evaluations > maxEvaluations) throw new TooManyEvaluationsException(maxEvaluations);
                current = previous == one ? other : one;
                System.arraycopy(currentPoint, 0, current.point, 0, nC);
                evaluate(model, target, current);
                currentCost = current.cost;

                double actRed = -1.0;
                if (0.1 * currentCost < previousCost) {
                    double r = currentCost / previousCost;
                    actRed = 1.0 - r * r;
                }

                for (int j = 0; j < solvedCols; ++j) {
                    int pj = permutation[j];
                    double dirJ = lmDir[pj];
                    work1[j] = 0;
                    for (int i = 0; i <= j; ++i) work1[i] += wj[i * nC + pj] * dirJ;
                }
                double coeff1 = 0;
                for (int j = 0; j < solvedCols; ++j) coeff1 += work1[j] * work1[j];
                double pc2 = previousCost * previousCost;
                coeff1 /= pc2;
                double coeff2 = lmPar * lmNorm * lmNorm / pc2;
                double preRed = coeff1 + 2 * coeff2;
                double dirDer = -(coeff1 + coeff2);

                ratio = (preRed == 0) ? 0 : (actRed / preRed);

                if (ratio <= 0.25) {
                    double tmp = (actRed < 0) ? (0.5 * dirDer / (dirDer + 0.5 * actRed)) : 0.5;
                    if ((0.1 * currentCost >= previousCost) || (tmp < 0.1)) tmp = 0.1;
                    delta = tmp * Math.min(delta, 10.0 * lmNorm);
                    lmPar /= tmp;
                } else if ((lmPar == 0) || (ratio >= 0.75)) {
                    delta = 2 * lmNorm;
                    lmPar *= 0.5;
                }

                if (ratio >= 1.0e-4) {
                    firstIteration = false;
                    xNorm = 0;
                    for (int k = 0; k < nC; ++k) {
                        double xK = diag[k] * currentPoint[k];
                        xNorm += xK * xK;
                    }
                    xNorm = Math.sqrt(xNorm);

                    if (checker != null && checker.converged(iterations, previous.cost, current.cost))
                        return run(current, evaluations, iterations);
                } else {
                    currentCost = previousCost;
                    for (int j = 0; j < solvedCols; ++j) {
                        int pj = permutation[j];
                        currentPoint[pj] = oldX[pj];
                    }
                    current = previous;
                }

                if ((Math.abs(actRed) <= COST_RELATIVE_TOLERANCE && preRed <= COST_RELATIVE_TOLERANCE && ratio <= 2.0)
                        || delta <= PAR_RELATIVE_TOLERANCE * xNorm)
                    return run(current, evaluations, iterations);

                if (Math.abs(actRed) <= TWO_EPS && preRed <= TWO_EPS && ratio <= 2.0)
                    throw new ConvergenceException(LocalizedFormats.TOO_SMALL_COST_RELATIVE_TOLERANCE, COST_RELATIVE_TOLERANCE);
                else if (delta <= TWO_EPS * xNorm)
                    throw new ConvergenceException(LocalizedFormats.TOO_SMALL_PARAMETERS_RELATIVE_TOLERANCE, PAR_RELATIVE_TOLERANCE);
                else if (maxCosine <= TWO_EPS)
                    throw new ConvergenceException(LocalizedFormats.TOO_SMALL_ORTHOGONALITY_TOLERANCE, ORTHO_TOLERANCE);
            }
        }
    }

    /** The model at {@code s.point}; residuals and cost as the library's evaluation computes them. */
    private static void evaluate(Model model, double[] target, State s) {
        model.evaluate(s.point, s.value, s.jacobian);
        double dot = 0;
        for (int i = 0; i < target.length; i++) {
            s.residuals[i] = target[i] - s.value[i];
            dot += s.residuals[i] * s.residuals[i];
        }
        s.cost = Math.sqrt(dot);
    }

    private static Run run(State s, int evaluations, int iterations) {
        return new Run(s.point.clone(), s.residuals.clone(), s.cost, evaluations, iterations);
    }

    private static double determineLMParameter(double[] qy, double delta, double[] diag, Qr qr, int solvedCols,
                                               double[] work1, double[] work2, double[] work3, double[] lmDir, double lmPar) {
        final double[] wj = qr.wj;
        final int[] permutation = qr.permutation;
        final int rank = qr.rank;
        final double[] diagR = qr.diagR;

        final int nC = qr.nC;

        for (int j = 0; j < rank; ++j) lmDir[permutation[j]] = qy[j];
        for (int j = rank; j < nC; ++j) lmDir[permutation[j]] = 0;
        for (int k = rank - 1; k >= 0; --k) {
            int pk = permutation[k];
            double ypk = lmDir[pk] / diagR[pk];
            for (int i = 0; i < k; ++i) lmDir[permutation[i]] -= ypk * wj[i * nC + pk];
            lmDir[pk] = ypk;
        }

        double dxNorm = scaledNorm(diag, lmDir, permutation, solvedCols, work1);
        double fp = dxNorm - delta;
        if (fp <= 0.1 * delta) {
            lmPar = 0;
            return lmPar;
        }

        double sum2;
        double parl = 0;
        if (rank == solvedCols) {
            for (int j = 0; j < solvedCols; ++j) {
                int pj = permutation[j];
                work1[pj] *= diag[pj] / dxNorm;
            }
            sum2 = 0;
            for (int j = 0; j < solvedCols; ++j) {
                int pj = permutation[j];
                double sum = 0;
                for (int i = 0; i < j; ++i) sum += wj[i * nC + pj] * work1[permutation[i]];
                double s = (work1[pj] - sum) / diagR[pj];
                work1[pj] = s;
                sum2 += s * s;
            }
            parl = fp / (delta * sum2);
        }

        sum2 = 0;
        for (int j = 0; j < solvedCols; ++j) {
            int pj = permutation[j];
            double sum = 0;
            for (int i = 0; i <= j; ++i) sum += wj[i * nC + pj] * qy[i];
            sum /= diag[pj];
            sum2 += sum * sum;
        }
        double gNorm = Math.sqrt(sum2);
        double paru = gNorm / delta;
        if (paru == 0) paru = Precision.SAFE_MIN / Math.min(delta, 0.1);

        lmPar = Math.min(paru, Math.max(lmPar, parl));
        if (lmPar == 0) lmPar = gNorm / dxNorm;

        for (int countdown = 10; countdown >= 0; --countdown) {
            if (lmPar == 0) lmPar = Math.max(Precision.SAFE_MIN, 0.001 * paru);
            double sPar = Math.sqrt(lmPar);
            for (int j = 0; j < solvedCols; ++j) {
                int pj = permutation[j];
                work1[pj] = sPar * diag[pj];
            }
            determineLMDirection(qy, work1, work2, qr, solvedCols, work3, lmDir);

            dxNorm = scaledNorm(diag, lmDir, permutation, solvedCols, work3);
            double previousFP = fp;
            fp = dxNorm - delta;

            if (Math.abs(fp) <= 0.1 * delta || (parl == 0 && fp <= previousFP && previousFP < 0)) return lmPar;

            for (int j = 0; j < solvedCols; ++j) {
                int pj = permutation[j];
                work1[pj] = work3[pj] * diag[pj] / dxNorm;
            }
            for (int j = 0; j < solvedCols; ++j) {
                int pj = permutation[j];
                work1[pj] /= work2[j];
                double tmp = work1[pj];
                for (int i = j + 1; i < solvedCols; ++i) work1[permutation[i]] -= wj[i * nC + pj] * tmp;
            }
            sum2 = 0;
            for (int j = 0; j < solvedCols; ++j) {
                double s = work1[permutation[j]];
                sum2 += s * s;
            }
            double correction = fp / (delta * sum2);

            if (fp > 0) parl = Math.max(parl, lmPar);
            else if (fp < 0) paru = Math.min(paru, lmPar);

            lmPar = Math.max(parl, lmPar + correction);
        }
        return lmPar;
    }

    /** The norm of the scaled step diag * lmDir over the solved columns, the scaled step written into out (the library's arithmetic, in its order). */
    private static double scaledNorm(double[] diag, double[] lmDir, int[] permutation, int solvedCols, double[] out) {
        double norm = 0;
        for (int j = 0; j < solvedCols; ++j) {
            int pj = permutation[j];
            double s = diag[pj] * lmDir[pj];
            out[pj] = s;
            norm += s * s;
        }
        return Math.sqrt(norm);
    }

    private static void determineLMDirection(double[] qy, double[] diag, double[] lmDiag, Qr qr, int solvedCols,
                                             double[] work, double[] lmDir) {
        final int[] permutation = qr.permutation;
        final double[] wj = qr.wj;
        final double[] diagR = qr.diagR;
        final int nC = qr.nC;

        for (int j = 0; j < solvedCols; ++j) {
            int pj = permutation[j];
            for (int i = j + 1; i < solvedCols; ++i) wj[i * nC + pj] = wj[j * nC + permutation[i]];
            lmDir[j] = diagR[pj];
            work[j] = qy[j];
        }

        for (int j = 0; j < solvedCols; ++j) {
            int pj = permutation[j];
            double dpj = diag[pj];
            if (dpj != 0) Arrays.fill(lmDiag, j + 1, lmDiag.length, 0);
            lmDiag[j] = dpj;

            double qtbpj = 0;
            for (int k = j; k < solvedCols; ++k) {
                int pk = permutation[k];
                if (lmDiag[k] != 0) {
                    final double sin;
                    final double cos;
                    double rkk = wj[k * nC + pk];
                    if (Math.abs(rkk) < Math.abs(lmDiag[k])) {
                        final double cotan = rkk / lmDiag[k];
                        sin = 1.0 / Math.sqrt(1.0 + cotan * cotan);
                        cos = sin * cotan;
                    } else {
                        final double tan = lmDiag[k] / rkk;
                        cos = 1.0 / Math.sqrt(1.0 + tan * tan);
                        sin = cos * tan;
                    }
                    wj[k * nC + pk] = cos * rkk + sin * lmDiag[k];
                    final double temp = cos * work[k] + sin * qtbpj;
                    qtbpj = -sin * work[k] + cos * qtbpj;
                    work[k] = temp;

                    for (int i = k + 1; i < solvedCols; ++i) {
                        double rik = wj[i * nC + pk];
                        final double temp2 = cos * rik + sin * lmDiag[i];
                        lmDiag[i] = -sin * rik + cos * lmDiag[i];
                        wj[i * nC + pk] = temp2;
                    }
                }
            }
            lmDiag[j] = wj[j * nC + permutation[j]];
            wj[j * nC + permutation[j]] = lmDir[j];
        }

        int nSing = solvedCols;
        for (int j = 0; j < solvedCols; ++j) {
            if ((lmDiag[j] == 0) && (nSing == solvedCols)) nSing = j;
            if (nSing < solvedCols) work[j] = 0;
        }
        if (nSing > 0) {
            for (int j = nSing - 1; j >= 0; --j) {
                int pj = permutation[j];
                double sum = 0;
                for (int i = j + 1; i < nSing; ++i) sum += wj[i * nC + pj] * work[i];
                work[j] = (work[j] - sum) / lmDiag[j];
            }
        }

        for (int j = 0; j < lmDir.length; ++j) lmDir[permutation[j]] = work[j];
    }

    /** Householder QR with column pivoting of the negated {@code jacobian} into {@code qr}. */
    private static void qrDecomposition(double[][] jacobian, int solvedCols, Qr qr) {
        final double[] wj = qr.wj;
        final int nR = qr.nR;
        final int nC = qr.nC;
        for (int i = 0; i < nR; i++)
            for (int k = 0; k < nC; k++) wj[i * nC + k] = jacobian[i][k] * -1;

        final int[] permutation = qr.permutation;
        final double[] diagR = qr.diagR;
        final double[] jacNorm = qr.jacNorm;
        final double[] beta = qr.beta;
        Arrays.fill(diagR, 0);
        Arrays.fill(beta, 0);

        for (int k = 0; k < nC; ++k) {
            permutation[k] = k;
            double norm2 = 0;
            for (int i = 0; i < nR; ++i) {
                double akk = wj[i * nC + k];
                norm2 += akk * akk;
            }
            jacNorm[k] = Math.sqrt(norm2);
        }

        for (int k = 0; k < nC; ++k) {
            int nextColumn = -1;
            double ak2 = Double.NEGATIVE_INFINITY;
            for (int i = k; i < nC; ++i) {
                double norm2 = 0;
                for (int j = k; j < nR; ++j) {
                    double aki = wj[j * nC + permutation[i]];
                    norm2 += aki * aki;
                }
                if (Double.isInfinite(norm2) || Double.isNaN(norm2))
                    throw new ConvergenceException(LocalizedFormats.UNABLE_TO_PERFORM_QR_DECOMPOSITION_ON_JACOBIAN, nR, nC);
                if (norm2 > ak2) {
                    nextColumn = i;
                    ak2 = norm2;
                }
            }
            if (ak2 <= QR_RANKING_THRESHOLD) {
                qr.rank = k;
                return;
            }
            int pk = permutation[nextColumn];
            permutation[nextColumn] = permutation[k];
            permutation[k] = pk;

            double akk = wj[k * nC + pk];
            double alpha = (akk > 0) ? -Math.sqrt(ak2) : Math.sqrt(ak2);
            double betak = 1.0 / (ak2 - akk * alpha);
            beta[pk] = betak;

            diagR[pk] = alpha;
            wj[k * nC + pk] -= alpha;

            for (int dk = nC - 1 - k; dk > 0; --dk) {
                double gamma = 0;
                for (int j = k; j < nR; ++j) gamma += wj[j * nC + pk] * wj[j * nC + permutation[k + dk]];
                gamma *= betak;
                for (int j = k; j < nR; ++j) wj[j * nC + permutation[k + dk]] -= gamma * wj[j * nC + pk];
            }
        }
        qr.rank = solvedCols;
    }

    private static void qTy(double[] y, Qr qr) {
        final double[] wj = qr.wj;
        final int[] permutation = qr.permutation;
        final double[] beta = qr.beta;
        final int nR = qr.nR;
        final int nC = qr.nC;
        for (int k = 0; k < nC; ++k) {
            int pk = permutation[k];
            double gamma = 0;
            for (int i = k; i < nR; ++i) gamma += wj[i * nC + pk] * y[i];
            gamma *= beta[pk];
            for (int i = k; i < nR; ++i) y[i] -= gamma * wj[i * nC + pk];
        }
    }
}
